// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
import '../../functions/local/polyfills.js';
// One line instead of the AWS SDK's Node 20 warning in every worker.
import '../../functions/local/node-version.js';
