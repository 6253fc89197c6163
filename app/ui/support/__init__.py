"""扶持台账 screens: the ledger tab of the enterprise form and its entry dialog."""
