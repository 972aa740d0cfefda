package clientconfig

// SecretWarning is printed (to stderr) whenever a client secret is written
// into a client config file.
const SecretWarning = "WARNING: --include-client-secret writes the native app client's SECRET into the client " +
	"config. Anything shipped inside an app (APK, IPA, Flutter bundle) can be extracted, so the secret is " +
	"not secret any more: anyone can call Cognito as your app. Prefer a native app client WITHOUT a secret " +
	"(Cognito console > App integration > App clients > Create app client > Public client), import it with " +
	"`ampgo import auth --native-client-id <id>`, and drop this flag. Keep the file out of version control, " +
	"and note that `ampgo push` and `ampgo generate config` without the flag write the files without it again."
