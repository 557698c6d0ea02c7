"""The clerk's forms: new application."""
