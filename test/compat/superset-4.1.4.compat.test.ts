// The core journeys against a real Superset 4.1.4.
import { describeReleaseJourney } from './release-journey.ts';

describeReleaseJourney('4.1.4');
