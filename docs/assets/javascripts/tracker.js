// The progress tracker script (placeholder until it is written).
