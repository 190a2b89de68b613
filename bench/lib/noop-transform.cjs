'use strict';
// The baseline the codemod is measured against: jscodeshift parses every file and prints it again.
module.exports = function noop(file, api) {
  return api.jscodeshift(file.source).toSource();
};
module.exports.parser = 'tsx';
