"""Financial grip: the prognosis method and budget import (no database, no Qt); use cases in services/financien."""
