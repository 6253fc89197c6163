"""工作台 parts: the charts and tables of the dashboard page (app.ui.dashboard.page)."""
