// The README's webpack setup, nothing more: no polyfills, no resolve.fallback, no DefinePlugin.
module.exports = {
	mode: 'production',
	target: 'web',
	entry: './src/entry.js',
	output: {
		path: __dirname + '/dist',
		filename: 'my-app.js',
	},
};
