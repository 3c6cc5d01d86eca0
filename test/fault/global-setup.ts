// Jest globalSetup of the fault suite: the integration tiers' setup (the shared broker, the test
// database), and a fresh results folder for this run's figures.
import integrationSetup from '../support/global-setup';
import { startRun } from '../support/fault-results';

export default async function globalSetup(): Promise<void> {
  await integrationSetup();
  startRun();
}
