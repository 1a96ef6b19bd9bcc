import KalcCommand

Kalc.execute()
