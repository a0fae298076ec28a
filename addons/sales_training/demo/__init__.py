from . import sales_training_qualification_demo
