"""企业名录库: the register page, its lazy table model and the enterprise form with its tabs."""
