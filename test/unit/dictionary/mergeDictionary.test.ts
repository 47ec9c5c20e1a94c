// Re-drafting into an existing dictionary: the user's text survives byte for byte where the
// merge has nothing to say, new columns are appended, vanished ones flagged, observed figures
// refreshed only where they are still ours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { draftDictionary } from '../../../src/core/dictionary/draftDictionary';
import type { DataDictionary, DraftBaseline } from '../../../src/core/dictionary/dictionaryTypes';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import { DICTIONARY_TEMPLATE } from '../../../src/core/dictionary/dictionaryTemplate';
import { profileOf } from './penguinsProfile';
import { schemaErrors } from './schemaCheck';

const now = new Date('2025-03-04T10:00:00Z');
const fieldsOf = (text: string) => (parse(text) as DataDictionary).fields;

const USER_TEXT = `# Our penguin dictionary, maintained by the field team.
version: 1
source:
  name: Palmer Station LTER   # the survey
  owner: Kristen Gorman
updateFrequency: once per field season
knownQualityIssues:
  - One bird's sex was recorded as "." (treated as missing).
x-reviewed-by: Ana

fields:
- name: Species          # the target
  type: categorical
  definition: 'Species of the penguin, identified by a specialist.'
  allowedValues: [Adelie, Chinstrap, Gentoo]
  missingPercent: 0
  example: Gentoo        # chosen by us
  x-label: true

- {name: Island, type: categorical, definition: Island of the colony, missingPercent: 0}

# measurements
- name: Beak Length (mm)
  type: numeric
  definition: >
    Length of the culmen,
    from the tip to the base.
  unit: mm
  missingPercent: 0.41
- name: Tag ID
  type: id
  definition: Ring number
  example: N12A1
`;

/** What the previous draft wrote: Species' example was ours (the user changed it since), Beak Length's figure too. */
const USER_BASELINE: DraftBaseline = {
  fields: {
    Species: { missingPercent: 0, example: 'Adelie' },
    'Beak Length (mm)': { missingPercent: 0.41, example: 39.1 },
    'Tag ID': { example: 'N12A1' },
  },
};

test("merging keeps the user's text and splices in only the news", async () => {
  const profile = await profileOf();
  const result = draftDictionary(profile, USER_TEXT, { baseline: USER_BASELINE, now });
  const expected = `# Our penguin dictionary, maintained by the field team.
version: 1
source:
  name: Palmer Station LTER   # the survey
  owner: Kristen Gorman
updateFrequency: once per field season
knownQualityIssues:
  - One bird's sex was recorded as "." (treated as missing).
x-reviewed-by: Ana

# Written by ML Lifecycle: the data the observed figures were taken from.
observedIn:
  path: data/train.csv
  rows: 241
  sha256: ${profile.source.sha256}
  profiledAt: "${profile.createdAt}"

fields:
- name: Species          # the target
  type: categorical
  definition: 'Species of the penguin, identified by a specialist.'
  allowedValues: [Adelie, Chinstrap, Gentoo]
  missingPercent: 0
  example: Gentoo        # chosen by us
  x-label: true

- {name: Island, type: categorical, definition: Island of the colony, missingPercent: 0, example: Biscoe}

# measurements
- name: Beak Length (mm)
  type: numeric
  definition: >
    Length of the culmen,
    from the tip to the base.
  unit: mm
  missingPercent: 0.83
  example: 37.7
- name: Tag ID
  type: id
  definition: Ring number
  example: N12A1
  status: removed
  removedAt: "2025-03-04"
- name: Beak Depth (mm)
  type: numeric
  definition: ""
  unit: ""
  range: { min: 13.1, max: 21.1 }
  nullable: true
  missingPercent: 0.83
  example: 16
- name: Flipper Length (mm)
  type: numeric
  definition: ""
  unit: ""
  range: { min: 172, max: 230 }
  nullable: true
  missingPercent: 0.83
  example: 183
- name: Body Mass (g)
  type: numeric
  definition: ""
  unit: ""
  range: { min: 2850, max: 6300 }
  nullable: true
  missingPercent: 0.83
  example: 3075
- name: Sex
  type: categorical
  definition: ""
  allowedValues: [ ., FEMALE, MALE ]
  nullable: true
  missingPercent: 3.73
  example: FEMALE
`;
  assert.equal(result.text, expected);
  assert.deepEqual(result.added, ['Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex']);
  assert.deepEqual(result.removed, ['Tag ID']);
  assert.deepEqual(result.kept, ['Species', 'Island', 'Beak Length (mm)']);
  assert.deepEqual(result.refreshed, ['Island.example', 'Beak Length (mm).missingPercent', 'Beak Length (mm).example']);
  assert.deepEqual(result.preserved, ['Species.example']);
  assert.deepEqual(schemaErrors(result.text), []);
  // The user's example is theirs from now on; the vanished field's memory is kept for its return.
  assert.deepEqual(result.baseline.fields.Species, { missingPercent: 0 });
  assert.deepEqual(result.baseline.fields['Tag ID'], { example: 'N12A1' });
});

test('re-drafting the merged text again changes nothing', async () => {
  const profile = await profileOf();
  const first = draftDictionary(profile, USER_TEXT, { baseline: USER_BASELINE, now });
  const second = draftDictionary(profile, first.text, { baseline: first.baseline, now: new Date('2026-01-01') });
  assert.equal(second.text, first.text, 'removedAt keeps the day the column left');
  assert.deepEqual([second.added, second.removed, second.refreshed], [[], [], []]);
  assert.deepEqual(second.preserved, ['Species.example']);
});

test("data that changed refreshes our figures and keeps the user's", async () => {
  const profile = await profileOf();
  const first = draftDictionary(profile);
  const edited = first.text.replace(
    'missingPercent: 3.73\n    example: FEMALE',
    'missingPercent: 3.73\n    example: MALE # a typical bird',
  );
  const changed: DatasetProfile = structuredClone(profile);
  const sex = changed.columns.find((c) => c.name === 'Sex')!;
  sex.missingPercent = 5;
  for (const row of changed.sample) row.Sex = row.Sex === 'FEMALE' ? 'Female' : row.Sex;
  changed.sample[0]['Body Mass (g)'] = '3100';
  const result = draftDictionary(changed, edited, { baseline: first.baseline, now });
  const fields = fieldsOf(result.text);
  const field = (name: string) => fields.find((f) => f.name === name)!;
  assert.equal(field('Sex').missingPercent, 5);
  assert.equal(field('Sex').example, 'MALE', 'the user chose this example');
  assert.match(result.text, /example: MALE # a typical bird\n/);
  assert.equal(field('Body Mass (g)').example, 3100);
  assert.deepEqual(result.refreshed, ['Body Mass (g).example', 'Sex.missingPercent']);
  assert.deepEqual(result.preserved, ['Sex.example']);
  // Only those two lines differ.
  const before = edited.split('\n');
  const after = result.text.split('\n');
  assert.equal(after.length, before.length);
  assert.deepEqual(after.map((line, i) => (line === before[i] ? null : line)).filter(Boolean), [
    '    example: 3100',
    '    missingPercent: 5',
  ]);
});

test("without a baseline, a differing figure counts as the user's; an empty one is filled", async () => {
  const profile = await profileOf();
  const text = 'version: 1\nfields:\n  - name: Sex\n    type: categorical\n    missingPercent: 2\n    example:\n';
  const result = draftDictionary(profile, text, { now });
  const sex = fieldsOf(result.text)[0];
  assert.equal(sex.missingPercent, 2);
  assert.equal(sex.example, 'FEMALE');
  assert.deepEqual(result.preserved, ['Sex.missingPercent']);
  assert.deepEqual(result.refreshed, ['Sex.example']);
});

test('a column that comes back is restored: status active, removedAt dropped, comments kept', async () => {
  const profile = await profileOf();
  const text = [
    'version: 1',
    'fields:',
    '  - name: Sex',
    '    type: categorical',
    '    status: removed   # gone in the 2024 extract',
    '    removedAt: "2024-06-01"',
    '    # keep this note',
    '    notes: Recorded by eye.',
    '  - status: removed',
    '    removedAt: "2024-06-01"',
    '    name: Island',
    '    type: categorical',
    '  - {name: Species, type: categorical, status: removed, removedAt: "2024-06-01", notes: x}',
    '',
  ].join('\n');
  const result = draftDictionary(profile, text, { now });
  assert.deepEqual(result.restored, ['Sex', 'Island', 'Species']);
  assert.deepEqual(result.removed, []);
  assert.match(
    result.text,
    /    status: active   # gone in the 2024 extract\n    # keep this note\n    notes: Recorded by eye\.\n/,
  );
  assert.match(result.text, /  - status: active\n    name: Island\n/);
  assert.match(
    result.text,
    /  - \{name: Species, type: categorical, status: active, notes: x, missingPercent: 0, example: Adelie\}\n/,
  );
  assert.doesNotMatch(result.text, /removedAt/);
  assert.deepEqual(schemaErrors(result.text), []);
});

// The template that ML Lifecycle 0.1 wrote before the dictionary had a schema: files created
// from it must still be completed in place.
const FIRST_TEMPLATE =
  '# Data dictionary: every source and field the project uses.\nsource: ""\nupdateFrequency: ""\nknownQualityIssues: []\n# One entry per column: type, definition, unit, allowed values, nullable.\nfields: []\n#  - name: Body Mass (g)\n#    type: numeric\n#    definition: Body mass of the bird when measured.\n#    unit: g\n#    nullable: true\n';

test('the first project template is completed: version, source, observedIn and fields filled in, guidance kept', async () => {
  const profile = await profileOf();
  const template = FIRST_TEMPLATE;
  const result = draftDictionary(profile, template, { now });
  assert.deepEqual(schemaErrors(result.text), []);
  const doc = parse(result.text) as DataDictionary;
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.source, { name: 'train.csv', description: '', owner: '', location: 'data/train.csv' });
  assert.deepEqual(
    doc.fields.map((f) => f.name),
    profile.columns.map((c) => c.name),
  );
  assert.deepEqual(doc.knownQualityIssues, [], "the user's (empty) list is theirs");
  for (const line of template.split('\n').filter((l) => l.startsWith('#')))
    assert.ok(result.text.includes(line), `kept: ${line}`);
  assert.ok(
    result.text.startsWith(
      '# Data dictionary: every source and field the project uses.\nversion: 1\nsource:\n  name: train.csv\n',
    ),
  );
});

test('a plain-text source becomes the source name', async () => {
  const profile = await profileOf();
  const result = draftDictionary(profile, 'version: 1\nsource: Palmer Station LTER # the survey\nfields: []\n', {
    now,
  });
  assert.match(result.text, /^version: 1\nsource: # the survey\n  name: Palmer Station LTER\n  description: ""\n/);
  assert.equal((parse(result.text) as DataDictionary).source?.name, 'Palmer Station LTER');
});

test('CRLF files stay CRLF, with their lines intact', async () => {
  const profile = await profileOf();
  const crlf = USER_TEXT.replace(/\n/g, '\r\n');
  const result = draftDictionary(profile, crlf, { baseline: USER_BASELINE, now });
  assert.doesNotMatch(result.text.replace(/\r\n/g, ''), /\n/, 'no bare line feed');
  assert.equal(
    result.text.replace(/\r\n/g, '\n'),
    draftDictionary(profile, USER_TEXT, { baseline: USER_BASELINE, now }).text,
  );
});

test('a flow list of fields, a missing fields key, and a comment-only file are all completed', async () => {
  const profile = await profileOf();
  const flow = draftDictionary(profile, 'version: 1\nfields: [ {name: Species, type: categorical} ]   # short\n', {
    now,
  });
  assert.deepEqual(
    fieldsOf(flow.text).map((f) => f.name),
    profile.columns.map((c) => c.name),
  );
  assert.match(flow.text, /# short\n/);

  const noFields = draftDictionary(profile, 'version: 1\nupdateFrequency: weekly', { now });
  assert.deepEqual(
    fieldsOf(noFields.text).map((f) => f.name),
    profile.columns.map((c) => c.name),
  );
  assert.ok(noFields.text.startsWith('version: 1\nupdateFrequency: weekly\n'));
  assert.deepEqual(schemaErrors(noFields.text), []);

  const comments = draftDictionary(profile, '# Dictionary of the penguin project.\n# Owned by the data team.\n', {
    now,
  });
  assert.ok(
    comments.text.startsWith('# Dictionary of the penguin project.\n# Owned by the data team.\n\nversion: 1\n'),
  );
  assert.equal(comments.added.length, profile.columns.length);
  assert.deepEqual(schemaErrors(comments.text), []);
});

test('text that cannot be merged safely is refused with its line and column', async () => {
  const profile = await profileOf();
  const refusals: Array<[string, RegExp]> = [
    [
      'version: 1\nfields:\n  - name: Species\n    type: [numeric\n',
      /^docs\/dd\.yaml:\d+:\d+ is not valid YAML, so it was left untouched/,
    ],
    [
      'version: 1\nfields:\n  - name: Species\n  - name: Species\n',
      /^docs\/dd\.yaml:4:11 The field "Species" is defined twice\./,
    ],
    ['version: 1\nfields:\n  - name: Species\n  - type: numeric\n', /^docs\/dd\.yaml:4:5 fields\[1\] has no name/],
    ['version: 1\nfields:\n  - Species\n', /^docs\/dd\.yaml:3:5 fields\[0\] must be a mapping/],
    ['version: 1\nfields:\n  Species: { type: categorical }\n', /^docs\/dd\.yaml:3:3 "fields" must be a list/],
    [
      'version: 2\nfields: []\n',
      /^docs\/dd\.yaml:1:10 has version 2; this ML Lifecycle reads data dictionary version 1 only/,
    ],
    ['- name: Species\n', /^docs\/dd\.yaml:1:1 must be a block mapping/],
    ['version: 1\nversion: 1\nfields: []\n', /^docs\/dd\.yaml:2:1 is not valid YAML.*Map keys must be unique/],
  ];
  for (const [text, message] of refusals) {
    assert.throws(
      () => draftDictionary(profile, text, { now, file: 'docs/dd.yaml' }),
      (error: Error) => {
        assert.equal(error.name, 'DictionaryError');
        assert.match(error.message, message);
        return true;
      },
      text,
    );
  }
});

test('unusual but valid layouts are merged into YAML that still parses, with every line of the user kept', async () => {
  const profile = await profileOf();
  const now2 = new Date('2025-01-02T00:00:00Z');
  const layouts: Record<string, string> = {
    'wide indentation':
      'version: 1\nfields:\n    -   name: Species\n        type: categorical\n    -   name: Gone\n        type: id\n',
    'block scalar keeping its trailing lines':
      'version: 1\nfields:\n  - name: Gone\n    type: text\n    notes: |+\n      kept\n\n\n# tail comment\n',
    'document markers': '---\nversion: 1\nfields:\n  - name: Species\n    type: categorical\n...\n',
    'a list spread over lines':
      'version: 1\nfields:\n  - name: Gone\n    type: categorical\n    allowedValues: [\n      a,\n      b ]\n',
    'no final line break': 'version: 1\nfields:\n  - name: Gone\n    type: id',
    'anchors and merge keys': 'version: 1\nx-defaults: &d\n  type: numeric\nfields:\n  - name: Gone\n    <<: *d\n',
    'comments everywhere':
      'version: 1  # v\nfields:   # list\n  # first\n  - name: Species # s\n    type: categorical # t\n  # between\n  - name: Gone # g\n    type: id # t\n  # after\n',
    'fields before an empty source': 'version: 1\nfields:\n# comment\nsource: {}\n',
  };
  for (const [what, text] of Object.entries(layouts)) {
    const result = draftDictionary(profile, text, { now: now2 });
    const doc = parse(result.text) as DataDictionary;
    const names = doc.fields.map((f) => f.name);
    for (const column of profile.columns) assert.ok(names.includes(column.name), `${what}: ${column.name} is defined`);
    const gone = doc.fields.find((f) => f.name === 'Gone');
    if (text.includes('Gone')) assert.deepEqual([gone?.status, gone?.removedAt], ['removed', '2025-01-02'], what);
    for (const line of text.split('\n').filter((l) => l.trim() && l !== 'source: {}'))
      assert.ok(result.text.includes(line), `${what}: kept "${line}"`);
    assert.equal(doc.source?.location, 'data/train.csv', what);
    if (what.startsWith('block scalar'))
      assert.equal(gone?.notes, 'kept\n\n\n', 'the kept lines are still part of the note');
  }
});

test('the dictionary template is valid, and a draft fills it in place', async () => {
  const profile = await profileOf();
  assert.deepEqual(schemaErrors(DICTIONARY_TEMPLATE), []);
  const result = draftDictionary(profile, DICTIONARY_TEMPLATE, { now });
  assert.deepEqual(schemaErrors(result.text), []);
  assert.deepEqual(
    fieldsOf(result.text).map((f) => f.name),
    profile.columns.map((c) => c.name),
  );
  // Empty values of the source are filled; what the user wrote there would stay.
  assert.deepEqual((parse(result.text) as DataDictionary).source, {
    name: 'train.csv',
    description: '',
    owner: '',
    location: 'data/train.csv',
  });
  const named = draftDictionary(profile, DICTIONARY_TEMPLATE.replace('  name: ""', '  name: Palmer LTER'), { now });
  assert.equal((parse(named.text) as DataDictionary).source?.name, 'Palmer LTER');
  for (const line of DICTIONARY_TEMPLATE.split('\n').filter(
    (l) => l.trim() && l !== 'fields: []' && !/^  (name|location): ""$/.test(l),
  ))
    assert.ok(result.text.includes(line), `kept: ${line}`);
});
