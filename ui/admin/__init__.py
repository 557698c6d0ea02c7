"""Administration dialogs: workstation settings, operators, the audit log."""
