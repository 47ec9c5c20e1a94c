// The empty data dictionary "Open document" creates before any draft: valid against
// schemas/data-dictionary.schema.json, with guidance in comments, and shaped so that a later
// "Draft Data Dictionary" fills it in place (empty values are filled, comments stay).
export const DICTIONARY_TEMPLATE = `# Data dictionary: where the data comes from, how often it changes, its known quality issues,
# and what every field means. "ML Lifecycle: Draft Data Dictionary" fills it in from a profile
# of the training data and never overwrites what you write.
version: 1
source:
  name: ""
  description: ""
  owner: ""
  location: ""
# How often the data is refreshed: daily, weekly, on demand, one-off snapshot ...
updateFrequency: ""
knownQualityIssues: []
# One entry per column: type, definition, unit, allowed values, range, nullable.
fields: []
#  - name: Body Mass (g)
#    type: numeric
#    definition: Body mass of the bird when measured.
#    unit: g
#    nullable: true
`;
