
export LOG="info"
export PORT="80"
