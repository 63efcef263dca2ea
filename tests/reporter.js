// Mocha's spec reporter, plus the closing line CI reads: "tests: N passed, M failed".
"use strict";
const Mocha = require("mocha");

class SpecWithSummary extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once("end", () => {
            const s = runner.stats;
            const skipped = s.pending ? `, ${s.pending} skipped` : "";
            process.stdout.write(`tests: ${s.passes} passed, ${s.failures} failed${skipped}\n`);
        });
    }
}

module.exports = SpecWithSummary;
