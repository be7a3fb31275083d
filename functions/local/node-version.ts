/**
 * Node 22 is the supported runtime (Lambda runs nodejs22.x); Node 20 still works for the embedded
 * runtime and the tests. On Node 20 the AWS SDK prints a six-line end-of-support warning in every
 * process and worker; it is said once here, in one line, and the SDK's own copy is turned off with
 * its documented switch (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED). Other warnings pass.
 */
const major = Number(process.versions.node.split('.')[0]);
if (major < 22 && process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  process.stderr.write(
    `duban: running on Node ${process.versions.node}; Node 22 is the supported version.\n`,
  );
}

export {};
