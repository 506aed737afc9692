// Before any test worker starts: the demo estate's cache, built once through the functions
// (`npm test` has built the bundles this needs). Workers then load it in about a second.
module.exports = async () => {
  await require('../build/scripts/demo.js').prepareDemo();
};
