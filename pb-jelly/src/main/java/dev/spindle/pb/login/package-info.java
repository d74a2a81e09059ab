/**
 * PB login over cred: today the failure translation of cred's {@code LoginException}; the
 * challenge-response root object and avatars come next. The only package that knows {@code
 * dev.spindle.cred}. Not exported yet.
 */
package dev.spindle.pb.login;
