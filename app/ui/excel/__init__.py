"""Excel in the window: the import wizard, the register's export and template, and a generic table export."""
