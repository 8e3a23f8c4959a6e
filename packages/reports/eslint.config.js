module.exports = require('@sozialraum/eslint-config');
