"""宣传报道 screens: the list page with yearly counts per channel, and the item dialog."""
