// The host's libgreet.so.
int greet(int n) { return n; }
