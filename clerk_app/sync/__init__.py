"""The offline-first engine: outbox, answers, the shared register, and the pass that runs them."""
