import 'reflect-metadata';
import { startHttpApp } from '@app/platform';
import { PipelineModule } from './pipeline.module';

void startHttpApp({ name: 'pipeline', module: PipelineModule, port: (config) => config.PIPELINE_HTTP_PORT });
