// The root package.json is the package `modelreg` that teams install (a git URL, `npm pack`, a
// checkout path; the pre-commit framework runs `npm install` and `npm pack` here): its bin and
// exports are the committed single files in bundle/. npm refuses the `workspace:` protocol, so the
// root manifest cannot name the workspace build of the CLI; pnpm adds that link here, which keeps
// ./node_modules/.bin/modelreg pointing at the workspace build.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'modelreg') {
        pkg.dependencies = { ...pkg.dependencies, '@modelreg/cli': 'workspace:*' };
      }
      return pkg;
    },
  },
};
