// Integration and end-to-end tests drive real brokers, databases and processes.
jest.setTimeout(240_000);
