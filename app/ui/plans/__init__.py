"""工作实施方案 and 责任分工 in the window: the plan editor page and its dialogs."""
