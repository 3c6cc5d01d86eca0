// Replaced by the infrastructure launcher: brings up Kafka and the test database before integration tests.
export default function globalSetup(): void {}
