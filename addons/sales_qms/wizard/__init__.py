from . import sales_qms_measurement_correct
