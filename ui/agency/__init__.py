"""The agency leg in the window: handing the case over, the agency's result, issuing it, returning it."""
