/**
 * A lake in Amazon S3 or any S3-compatible store (S3_ENDPOINT, path-style). Large files go up in multipart
 * uploads; a PUT replaces an object atomically.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PrimacError } from '../../core/errors.ts';
import type { LakeStorage, StoredObject } from '../lake-storage.ts';
import { s3Error } from './s3-errors.ts';

export interface S3Settings { readonly uri: string; readonly endpoint: string | null; readonly region: string }

export function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new PrimacError('LAKE_FAILED', `Not an s3:// URI: ${uri}`);
  const prefix = match[2]!.replace(/\/+$/, '');
  return { bucket: match[1]!, prefix: prefix ? `${prefix}/` : '' };
}

export function s3Client(settings: { endpoint: string | null; region: string }): S3Client {
  return new S3Client({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
  });
}

/** Creates the lake's bucket when it does not exist (local stacks; in AWS the bucket is provisioned). */
export async function ensureBucket(settings: S3Settings, client: S3Client = s3Client(settings)): Promise<boolean> {
  const { bucket } = parseS3Uri(settings.uri);
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return false;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw s3Error(error, `checking bucket ${bucket}`);
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    throw s3Error(error, `creating bucket ${bucket}`);
  }
  return true;
}

export function createS3Storage(settings: S3Settings, client: S3Client = s3Client(settings)): LakeStorage {
  const { bucket, prefix } = parseS3Uri(settings.uri);
  const full = (key: string) => `${prefix}${key}`;
  const guard = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw s3Error(error, what);
    }
  };
  return {
    uri: settings.uri,
    capabilities: { localFiles: false },
    locate: (key) => `s3://${bucket}/${full(key)}`,
    localPath: () => {
      throw new PrimacError('LAKE_FAILED', 'An S3 lake has no local paths.');
    },
    putFile: (key, file) => guard(`uploading ${key}`, async () => {
      const upload = new Upload({ client, params: { Bucket: bucket, Key: full(key), Body: createReadStream(file) }, partSize: 16 * 1024 * 1024, queueSize: 2 });
      await upload.done();
      return (await stat(file)).size;
    }),
    putBytes: (key, bytes) => guard(`writing ${key}`, async () => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: full(key), Body: bytes }));
    }),
    putIfAbsent: (key, bytes) => guard(`creating ${key}`, async () => {
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: full(key), Body: bytes, IfNoneMatch: '*' }));
        return true;
      } catch (error) {
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.$metadata?.httpStatusCode === 412 || e.name === 'PreconditionFailed') return false;
        throw error;
      }
    }),
    get: (key) => guard(`reading ${key}`, async () => {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: full(key) }));
        return Buffer.from(await response.Body!.transformToByteArray());
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    }),
    list: (keyPrefix) => guard(`listing ${keyPrefix}`, async () => {
      const out: StoredObject[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: full(keyPrefix), ContinuationToken: token }));
        for (const object of page.Contents ?? []) out.push({ key: object.Key!.slice(prefix.length), size: object.Size ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out.sort((a, b) => (a.key < b.key ? -1 : 1));
    }),
    delete: (keys) => guard('deleting objects', async () => {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        const response = await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((k) => ({ Key: full(k) })), Quiet: true } }));
        if (response.Errors?.length) throw new Error(`${response.Errors.length} objects could not be deleted (${response.Errors[0]?.Code})`);
      }
    }),
  };
}
