// The root package.json is also the package that npm installs for the pre-commit framework
// (`.pre-commit-hooks.yaml`, `language: node`): pre-commit runs `npm install` and `npm pack` here
// and installs the tarball, which ships the self-contained CLI in bundle/. npm refuses the
// `workspace:` protocol, so the root manifest cannot name the CLI; pnpm adds that link here,
// which keeps ./node_modules/.bin/modelreg pointing at the workspace build.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'modelreg-workspace') {
        pkg.dependencies = { ...pkg.dependencies, modelreg: 'workspace:*' };
      }
      return pkg;
    },
  },
};
