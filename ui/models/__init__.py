"""Qt item models over the service layer."""
