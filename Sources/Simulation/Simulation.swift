/// Simulation: the discrete-event sufficiency simulator and the synthetic county.
public enum SimulationModule {}
