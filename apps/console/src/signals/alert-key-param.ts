import { ApiParam } from '@nestjs/swagger';

/** Documents the `:alertKey` path parameter of a signal's routes. */
export const alertKeyParam = () =>
  ApiParam({ name: 'alertKey', description: 'caseId|ruleId|qualifier, URL-encoded (| is %7C)' });
