/** Which MySQL ENUM/SET columns may leave the server unquoted (their labels read back exactly). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainLabels } from '../../src/sources/mysql/mysql-client-reader.ts';

test('ENUM and SET columns with plain labels travel unquoted', () => {
  assert.equal(plainLabels("enum('ADMIN','USER','AGENT')"), true);
  assert.equal(plainLabels("set('x','y')"), true);
  assert.equal(plainLabels("enum('it''s','a,b','with space ')"), true, 'quotes of the DDL, commas and spaces are fine in tab-separated text');
});

test('labels that could not be read back exactly keep the server quoting', () => {
  assert.equal(plainLabels("enum('NULL','x')"), false, "'NULL' would read back as NULL");
  assert.equal(plainLabels("enum('say \"hi\"')"), false);
  assert.equal(plainLabels("enum('a\tb')"), false);
  assert.equal(plainLabels("enum('a\nb')"), false);
  assert.equal(plainLabels('varchar(100)'), false);
  assert.equal(plainLabels('text'), false);
});
