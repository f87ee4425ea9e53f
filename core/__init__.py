"""What every app shares."""
