package tests

func Work() error { return nil }
