/**
 * Without ATHENA_OUTPUT, Athena writes results where the workgroup says (its output location, or Athena-managed
 * storage). Checked once, before the first query, so that a workgroup with neither fails with the variable to set
 * instead of Athena's "No output location provided" on every query.
 */
import { GetWorkGroupCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { PrimacError } from '../../core/errors.ts';
import { athenaCallError, type AthenaPlace } from './athena-errors.ts';

export async function checkWorkgroupOutput(client: AthenaClient, place: AthenaPlace): Promise<void> {
  const name = place.workgroup;
  let workgroup;
  try {
    workgroup = (await client.send(new GetWorkGroupCommand({ WorkGroup: name }))).WorkGroup;
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidRequestException') throw athenaCallError(error, 'GetWorkGroup', place);
  }
  if (!workgroup) {
    throw new PrimacError('CONFIG_INVALID', `ATHENA_WORKGROUP=${JSON.stringify(name)} is not valid: no such Athena workgroup in ${place.region}; expected the name of an existing workgroup (default primary).`);
  }
  const configuration = workgroup.Configuration;
  if (!configuration?.ResultConfiguration?.OutputLocation && !configuration?.ManagedQueryResultsConfiguration?.Enabled) {
    throw new PrimacError('CONFIG_INVALID', `ATHENA_OUTPUT is not set and Athena workgroup ${name} has no query result location: set ATHENA_OUTPUT=s3://bucket/prefix/ (a folder the role may write), or give the workgroup an output location.`);
  }
}
