"""展会与海关: trade fairs attended and customs IP recordals of the enterprises."""
