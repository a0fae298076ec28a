from . import sales_training_exception_grant
