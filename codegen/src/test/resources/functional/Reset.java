package test;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

@Command(requiresAnswer = false)
public record Reset() implements Request<Void> {}
