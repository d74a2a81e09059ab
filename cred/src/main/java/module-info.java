/**
 * Twisted's cred without a transport: portals, realms, credentials and their checkers, password
 * files, and login throttling. PB and AMP logins plug into it; it knows nothing of Netty.
 */
module dev.spindle.cred {
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports dev.spindle.cred;
  exports dev.spindle.cred.checkers;
  exports dev.spindle.cred.throttle;
}
