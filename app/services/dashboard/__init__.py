"""The dashboard's figures (工作台), shared by the window and the command line."""
