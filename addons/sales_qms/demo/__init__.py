from . import sales_qms_demo
from . import sales_qms_review_demo
from . import sales_qms_audit_demo
