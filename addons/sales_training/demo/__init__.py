from . import sales_training_sessions_demo
