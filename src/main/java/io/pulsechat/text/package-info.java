/** Text rules every feature shares: well-formed Unicode, lengths in code points. */
package io.pulsechat.text;
