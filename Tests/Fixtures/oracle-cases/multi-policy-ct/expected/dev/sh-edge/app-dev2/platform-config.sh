
export LOG="info"
export PORT="80"
export RING="one"
