// Development runs Node 20 on purpose (see README "Development"); the AWS SDK's notice that its
// releases after January 2027 need Node 22 is known, and would otherwise repeat in every worker.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
