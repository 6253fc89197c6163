"""IP Protection Register: the Ordos city protection list of key IP enterprises (offline desktop app)."""

__version__ = "0.1.0"
APP_NAME = "知识产权重点企业保护名录管理系统"
APP_ID = "IPProtectionRegister"
