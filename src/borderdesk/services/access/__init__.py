"""Who may do what: logins and passwords, users, roles and permissions, the audit chain."""
