"""storyline: many news reports of one event in, one cited summary out."""
